using System.Net.Sockets;
using System.Text;

namespace Aggregator.Tests.Support;

/// <summary>
/// HTTP/1.1 written by hand on a socket, for what a client library would not send: a body announced and never
/// sent, or one that never ends. Returns the response head the server sent while the request was still open.
/// </summary>
public static class RawHttp
{
    /// <summary>Sends <paramref name="head"/> (request line and headers, without the blank line) and <paramref name="body"/>,
    /// leaves the request unfinished, and reads until the server's response head is complete or it closes.</summary>
    public static async Task<string> SendUnfinishedAsync(Uri server, string head, byte[] body, TimeSpan wait)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.TrimEnd() + "\r\n\r\n"));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
        using var timeout = new CancellationTokenSource(wait);
        var received = new StringBuilder();
        var buffer = new byte[8192];
        try
        {
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer, timeout.Token);
                if (n == 0)
                    break;
                received.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }
        }
        catch (OperationCanceledException)
        {
            // Nothing (more) came while the request was open: the caller asserts on what did.
        }
        return received.ToString();
    }
}
