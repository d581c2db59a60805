namespace Aggregator.Web;

/// <summary>What a response is, for its Content-Security-Policy: a page of ours, or the frame partners embed.</summary>
public enum PageKind { Page, Frame }

/// <summary>
/// The Content-Security-Policy of every page: scripts, styles, images and fetches from this origin only, no inline script
/// or style, no plugins, no base or form target elsewhere. A hostile field that slipped past every other rule still could
/// not run. Pages refuse to be framed; the embed frame is made to be framed by any partner.
/// </summary>
public static class ContentSecurity
{
    const string Common = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; object-src 'none'";

    public const string PagePolicy = Common + "; frame-ancestors 'none'";
    public const string FramePolicy = Common + "; frame-ancestors *";

    public static void Apply(HttpResponse response, PageKind kind)
    {
        response.Headers.ContentSecurityPolicy = kind == PageKind.Frame ? FramePolicy : PagePolicy;
        response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        response.Headers["Cross-Origin-Opener-Policy"] = kind == PageKind.Frame ? "unsafe-none" : "same-origin";
        if (kind == PageKind.Page)
            response.Headers.XFrameOptions = "DENY";
    }
}
