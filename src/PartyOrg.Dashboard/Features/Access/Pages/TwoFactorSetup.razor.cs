using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Access.Pages;

/// <summary>Enrolment in two-factor sign-in: the key for the authenticator app, a code to confirm, the recovery codes.</summary>
public partial class TwoFactorSetup
{
    private AuthenticatorSetup? _setup;
    private IReadOnlyList<string>? _recoveryCodes;
    private string? _error;

    [Inject]
    private TwoFactor TwoFactor { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromForm]
    private CodeInput? Input { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        _setup = await TwoFactor.GetSetupAsync((await AuthenticationState).User);
    }

    private async Task EnableAsync()
    {
        Input ??= new();
        _recoveryCodes = await TwoFactor.EnableAsync((await AuthenticationState).User, Input.Code);
        _error = _recoveryCodes is null ? L["TwoFactorCodeFailed"].Value : null;
    }

    private sealed class CodeInput
    {
        [Required(ErrorMessageResourceType = typeof(UiText), ErrorMessageResourceName = nameof(UiText.TwoFactorCodeRequired))]
        public string Code { get; set; } = string.Empty;
    }
}
