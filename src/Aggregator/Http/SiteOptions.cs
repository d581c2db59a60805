using System.Net;
using Aggregator.Config;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Aggregator.Http;

/// <summary>Section <c>Site</c>: the address the public knows us by, and which proxies may tell us what it was.</summary>
public sealed class SiteOptions : ISettings
{
    public static string Section => "Site";

    /// <summary>
    /// The public address every absolute link names (feed self, alternate and paging links, the OPML list, JSON Feed,
    /// <c>Link</c> headers), e.g. <c>https://jobs.example.org</c> or <c>https://example.org/jobs</c>. Feeds are cached
    /// by readers, proxies and us for up to an hour, so a link built from a request's <c>Host</c> would hand one
    /// forged request's host to every reader; set this in production. Empty: the request's own address.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// Addresses (or CIDR ranges) of the reverse proxies whose <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c>
    /// are believed, separated by <c>;</c>. From anyone else those headers are ignored. Empty: believe nobody.
    /// </summary>
    public string KnownProxies { get; set; } = "127.0.0.1;::1";

    public IEnumerable<(string Property, string Problem)> Check()
    {
        if (!string.IsNullOrWhiteSpace(BaseUrl) && !(Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url)
                && url.Scheme is "http" or "https" && string.IsNullOrEmpty(url.Query) && string.IsNullOrEmpty(url.Fragment) && string.IsNullOrEmpty(url.UserInfo)))
            yield return (nameof(BaseUrl), $"must be an absolute http(s) address without query, fragment or user, such as https://jobs.example.org; got '{BaseUrl}'");
        foreach (var entry in Entries(KnownProxies))
            if (!IPAddress.TryParse(entry, out _) && !System.Net.IPNetwork.TryParse(entry, out _))
                yield return (nameof(KnownProxies), $"'{entry}' is neither an IP address nor a CIDR range such as 10.0.0.0/8");
    }

    /// <summary>Believes forwarded headers from the known proxies only; with none, from nobody.</summary>
    public void ConfigureForwarding(ForwardedHeadersOptions options)
    {
        // Both lists empty would make the middleware believe every client, so no proxy means no forwarding at all.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        var entries = Entries(KnownProxies).ToList();
        options.ForwardedHeaders = entries.Count == 0
            ? ForwardedHeaders.None
            : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        foreach (var entry in entries)
        {
            if (IPAddress.TryParse(entry, out var address))
                options.KnownProxies.Add(address);
            else
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
        }
    }

    /// <summary>The origin every absolute link starts with: <see cref="BaseUrl"/> when set, else the request's scheme,
    /// host and path base. A request whose host is no address (empty, as HTTP/1.0 may send it; a port past 65535; a
    /// forwarded host with spaces) gets a 400 naming it, since no link could be built from it.</summary>
    public static string Origin(HttpRequest request)
    {
        var site = request.HttpContext.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value;
        var origin = UncheckedOrigin(request, site);
        if (!string.IsNullOrWhiteSpace(site.BaseUrl))
            return origin;
        if (!request.Host.HasValue || !Uri.TryCreate(origin + "/", UriKind.Absolute, out var url) || url.Authority.Length == 0)
            throw new BadHttpRequestException(
                $"the request's host '{Shown(request.Host.Value)}' (from Host, or X-Forwarded-Host from a known proxy) is not a host[:port] this service can build links from; send a valid Host, or set Site:BaseUrl",
                StatusCodes.Status400BadRequest);
        return origin;
    }

    /// <summary>What <see cref="Origin"/> returns for a request it accepts, without checking the host: for looking up
    /// what was stored under a checked origin (a host that would fail the check finds nothing).</summary>
    public static string UncheckedOrigin(HttpRequest request, SiteOptions site) =>
        !string.IsNullOrWhiteSpace(site.BaseUrl) ? site.BaseUrl.TrimEnd('/') : $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>A host as an error may quote it: bounded, control characters replaced.</summary>
    static string Shown(string? host) =>
        new string((host ?? "").Take(100).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    static string[] Entries(string? list) =>
        (list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
