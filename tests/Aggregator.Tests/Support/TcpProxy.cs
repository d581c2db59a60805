using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Aggregator.Tests.Support;

/// <summary>
/// A loopback TCP forwarder in front of the test database, so a test can take the database away the way a network
/// or a stopped server does: <see cref="Down"/> cuts every connection and refuses new ones (each is closed as it
/// arrives), <see cref="Hang"/> accepts connections and never answers, <see cref="Restore"/> forwards again.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    enum Mode { Forward, Down, Hang }

    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly int target;
    readonly ConcurrentDictionary<TcpClient, byte> open = new();
    readonly CancellationTokenSource stop = new();
    readonly Task accepting;
    volatile Mode mode = Mode.Forward;

    TcpProxy(int target)
    {
        this.target = target;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public static TcpProxy Start(int targetPort) => new(targetPort);

    public void Down() => Switch(Mode.Down);

    public void Hang() => Switch(Mode.Hang);

    public void Restore() => Switch(Mode.Forward);

    void Switch(Mode next)
    {
        mode = next;
        foreach (var client in open.Keys)
            Close(client);
    }

    async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            switch (mode)
            {
                case Mode.Down:
                    client.Client.LingerState = new LingerOption(true, 0);
                    client.Dispose();
                    break;
                case Mode.Hang:
                    open[client] = 0;
                    break;
                default:
                    _ = ForwardAsync(client);
                    break;
            }
        }
    }

    async Task ForwardAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        open[client] = 0;
        open[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, target, stop.Token);
            var a = client.GetStream();
            var b = upstream.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, stop.Token), b.CopyToAsync(a, stop.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            Close(client);
            Close(upstream);
        }
    }

    void Close(TcpClient client)
    {
        open.TryRemove(client, out _);
        try
        {
            // A reset, as a dead server's host sends; the other side of a forwarded pair may have closed it already.
            if (client.Client is { } socket)
                socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        client.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        foreach (var client in open.Keys)
            Close(client);
        await accepting;
        stop.Dispose();
    }
}
