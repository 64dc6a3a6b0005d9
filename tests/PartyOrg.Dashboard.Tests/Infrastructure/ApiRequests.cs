using System.Net.Http.Headers;

namespace PartyOrg.Dashboard.Tests.Infrastructure;

/// <summary>Requests to the app's API as a bearer-token caller makes them.</summary>
public static class ApiRequests
{
    /// <summary>A multipart upload of <paramref name="content"/> in the field <c>file</c>.</summary>
    public static HttpRequestMessage Upload(string url, string token, string fileName, byte[] content)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
