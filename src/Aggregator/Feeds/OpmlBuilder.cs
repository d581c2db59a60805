using System.Text;
using System.Xml;

namespace Aggregator.Feeds;

public sealed record OpmlFeed(string Text, Uri XmlUrl, Uri HtmlUrl);

/// <summary>OPML 2.0 (http://opml.org/spec2.opml) subscription lists, written with XmlWriter.</summary>
public static class OpmlBuilder
{
    public static byte[] Build(string title, DateTimeOffset created, IReadOnlyList<(string Group, IReadOnlyList<OpmlFeed> Feeds)> groups)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CheckCharacters = true }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("opml");
            w.WriteAttributeString("version", "2.0");
            w.WriteStartElement("head");
            w.WriteElementString("title", title);
            w.WriteElementString("dateCreated", created.ToString("r"));
            w.WriteElementString("docs", "http://opml.org/spec2.opml");
            w.WriteEndElement();
            w.WriteStartElement("body");
            foreach (var (group, feeds) in groups)
            {
                w.WriteStartElement("outline");
                w.WriteAttributeString("text", group);
                foreach (var feed in feeds)
                {
                    w.WriteStartElement("outline");
                    w.WriteAttributeString("type", "rss");
                    w.WriteAttributeString("text", feed.Text);
                    w.WriteAttributeString("title", feed.Text);
                    w.WriteAttributeString("xmlUrl", feed.XmlUrl.AbsoluteUri);
                    w.WriteAttributeString("htmlUrl", feed.HtmlUrl.AbsoluteUri);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return stream.ToArray();
    }
}
