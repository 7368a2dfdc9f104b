using Microsoft.AspNetCore.Mvc.Testing;

namespace SmartCity.Examples.Tests;

public sealed class WebApiTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task Health()
    {
        using var client = factory.CreateClient();
        Assert.Equal("ok", await client.GetStringAsync(new Uri("/health", UriKind.Relative)));
    }
}
