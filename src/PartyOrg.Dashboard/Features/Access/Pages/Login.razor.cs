using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Infrastructure;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Access.Pages;

/// <summary>The sign-in form: static server rendering, because it sets the authentication cookie.</summary>
public partial class Login
{
    private string? _error;

    [Inject]
    private AccountSignIn Accounts { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    [SupplyParameterFromForm]
    private LoginInput? Input { get; set; }

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    private string SafeReturnUrl => LocalUrl.OrRoot(ReturnUrl);

    protected override void OnInitialized() => Input ??= new();

    private async Task SignInAsync()
    {
        Input ??= new();
        var result = await Accounts.SignInAsync(Input.Email, Input.Password);
        if (result.Succeeded)
        {
            Navigation.NavigateTo(SafeReturnUrl, forceLoad: true);
            return;
        }

        if (result.RequiresTwoFactor)
        {
            Navigation.NavigateTo($"/account/login/code?ReturnUrl={Uri.EscapeDataString(SafeReturnUrl)}", forceLoad: true);
            return;
        }

        // One answer for unknown, disabled and existing accounts; a throttled one says when to try again.
        if (result.RetryAfter is { } wait)
        {
            _error = L["LoginThrottled", SignInRateLimit.Minutes(wait)];
            if (HttpContext is { } http)
            {
                FailureThrottle.Refuse(http.Response, wait);
            }

            return;
        }

        _error = L["LoginFailed"];
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
