using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Infrastructure;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Access.Pages;

/// <summary>The second sign-in step: an authenticator code or a recovery code (static server rendering).</summary>
public partial class LoginCode
{
    private string? _error;

    [Inject]
    private AccountSignIn Accounts { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    [SupplyParameterFromForm]
    private CodeInput? Input { get; set; }

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    protected override void OnInitialized() => Input ??= new();

    private async Task SignInAsync()
    {
        Input ??= new();
        var result = await Accounts.SignInWithCodeAsync(Input.Code);
        if (result.Succeeded)
        {
            Navigation.NavigateTo(LocalUrl.OrRoot(ReturnUrl), forceLoad: true);
            return;
        }

        if (result.RetryAfter is { } wait)
        {
            _error = L["LoginThrottled", SignInRateLimit.Minutes(wait)];
            if (HttpContext is { } http)
            {
                FailureThrottle.Refuse(http.Response, wait);
            }

            return;
        }

        _error = L["TwoFactorCodeFailed"];
    }

    private sealed class CodeInput
    {
        [Required(ErrorMessageResourceType = typeof(UiText), ErrorMessageResourceName = nameof(UiText.TwoFactorCodeRequired))]
        public string Code { get; set; } = string.Empty;
    }
}
