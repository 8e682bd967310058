using System.Net;
using System.Text.Json;
using DossierWorkflow.Testing.Web;

namespace DossierWorkflow.OfficerUi.Tests.Hosting;

public sealed class ErrorHandlingTests(ProductionApp app) : IClassFixture<ProductionApp>
{

    [Fact]
    public async Task A_failing_page_shows_the_friendly_error_page_without_a_stack_trace()
    {
        var response = await (await app.CreateSignedInClientAsync()).GetAsync("/broken-page", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Đã xảy ra lỗi", html);
        Assert.Contains("Mã yêu cầu:", html);
        Assert.DoesNotContain("Secret internal detail", html);
        Assert.DoesNotContain("InvalidOperationException", html);
    }

    [Fact]
    public async Task A_failing_api_call_answers_problem_details_without_internals()
    {
        var response = await (await app.CreateSignedInClientAsync()).GetAsync("/api/broken", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(500, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("Secret internal detail", body);
    }

    [Fact]
    public async Task An_unknown_page_is_a_friendly_not_found_page()
    {
        var response = await (await app.CreateSignedInClientAsync()).GetAsync("/no-such-page", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Không tìm thấy trang", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_problem_details_not_found()
    {
        var response = await (await app.CreateSignedInClientAsync()).GetAsync("/api/no-such-thing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        var response = await (await app.CreateSignedInClientAsync()).GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task An_api_call_without_signing_in_is_a_problem_details_unauthorized_not_a_redirect()
    {
        var response = await app.CreateClient().GetAsync("/api/broken", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
