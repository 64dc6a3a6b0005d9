using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Access.Pages;

/// <summary>The sign-in form: static server rendering, because it sets the authentication cookie.</summary>
public partial class Login
{
    private string? _error;

    [Inject]
    private SignInManager<AppUser> SignInManager { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    [SupplyParameterFromForm]
    private LoginInput? Input { get; set; }

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    private string SafeReturnUrl => Infrastructure.LocalUrl.OrRoot(ReturnUrl);

    protected override void OnInitialized() => Input ??= new();

    private async Task SignInAsync()
    {
        Input ??= new();
        var result = await SignInManager.PasswordSignInAsync(Input.Email, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            Navigation.NavigateTo(SafeReturnUrl, forceLoad: true);
            return;
        }

        _error = result.IsLockedOut ? L["LoginLockedOut"] : L["LoginFailed"];
    }

    private sealed class LoginInput
    {
        [Required(ErrorMessageResourceType = typeof(UiText), ErrorMessageResourceName = nameof(UiText.LoginEmailRequired))]
        [EmailAddress(ErrorMessageResourceType = typeof(UiText), ErrorMessageResourceName = nameof(UiText.LoginEmailInvalid))]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessageResourceType = typeof(UiText), ErrorMessageResourceName = nameof(UiText.LoginPasswordRequired))]
        public string Password { get; set; } = string.Empty;
    }
}
