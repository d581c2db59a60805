using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Aggregator.Web;

/// <summary>
/// Renders a Razor component to a string with ASP.NET Core's <see cref="HtmlRenderer"/>: static server rendering only,
/// no circuit, no framework script. Razor encodes every value it writes, so a field reaches the page as text; only the
/// sanitized description and our own JSON-LD pass as markup, each where it is written.
/// </summary>
public static class PageRenderer
{
    public static async Task<string> RenderAsync<TComponent>(HttpContext http, object model) where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(http.RequestServices, http.RequestServices.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Model"] = model }));
            return output.ToHtmlString();
        });
    }

    /// <summary>A whole page: the doctype, the component, and the page's security headers.</summary>
    public static async Task<IResult> PageAsync<TComponent>(HttpContext http, object model, int status = StatusCodes.Status200OK,
        PageKind kind = PageKind.Page) where TComponent : IComponent
    {
        var html = "<!doctype html>\n" + await RenderAsync<TComponent>(http, model);
        ContentSecurity.Apply(http.Response, kind);
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
