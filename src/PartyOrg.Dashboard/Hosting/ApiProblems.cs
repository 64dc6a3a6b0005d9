using Microsoft.AspNetCore.Diagnostics;

namespace PartyOrg.Dashboard.Hosting;

/// <summary>
/// What an <c>/api/*</c> request answers when it failed on an exception: <c>application/problem+json</c> with a
/// status and a short message, nothing of the exception (the exception handler has logged it).
/// </summary>
internal static class ApiProblems
{
    public static Task WriteAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, title, detail) = error switch
        {
            // Kestrel's body limit, or the form reader's limits (multipart body length, value count and length).
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "Request too large", "The request body is larger than the server accepts."),
            InvalidDataException { Message: var message } when message.Contains("limit", StringComparison.OrdinalIgnoreCase) =>
                (StatusCodes.Status413PayloadTooLarge, "Request too large", "The form is larger than the server accepts."),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", "The request could not be read."),
            InvalidDataException => (StatusCodes.Status400BadRequest, "Bad request", "The request body could not be read."),
            _ => (StatusCodes.Status500InternalServerError, "Server error", "The request failed on the server; the error has been logged."),
        };
        return TypedResults.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
    }
}
