using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tenure.Web.Tests.Mail;

/// <summary>
/// A tiny SMTP server for tests (RFC 5321's minimum: EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP,
/// QUIT) on 127.0.0.1. <see cref="DataReplies"/> scripts the answers to successive DATA ends ("451 4.3.0 try later",
/// "550 5.7.1 refused"); when it runs out, every message is accepted with 250. Only accepted messages are kept.
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private readonly ConcurrentQueue<string> dataReplies;

    private SmtpListener(int port, IEnumerable<string> dataReplies)
    {
        this.dataReplies = new ConcurrentQueue<string>(dataReplies);
        listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync();
    }

    /// <summary>Listens on <paramref name="port"/> (0: a free one).</summary>
    public static SmtpListener Start(int port = 0, params string[] dataReplies) => new(port, dataReplies);

    /// <summary>A port nothing listens on (bound, read, released): "the relay is down".</summary>
    public static int UnusedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public int Port { get; }

    /// <summary>Messages accepted (250 after DATA): envelope and the raw data as received (dot-unstuffed, CRLF line ends).</summary>
    public ConcurrentQueue<Received> Messages { get; } = new();

    /// <summary>How many DATA transfers ended (accepted or refused).</summary>
    public int DataTransfers => dataTransfers;

    private int dataTransfers;

    public sealed record Received(string MailFrom, IReadOnlyList<string> Recipients, byte[] Data);

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.Latin1);
            async Task Say(string line) => await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), stop.Token);
            await Say("220 localhost test SMTP");
            string from = "";
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                    case "HELO":
                        await Say("250 localhost");
                        break;
                    case "MAIL":
                        (from, recipients) = (line[10..].Trim(), []);
                        await Say("250 2.1.0 OK");
                        break;
                    case "RCPT":
                        recipients.Add(line[8..].Trim());
                        await Say("250 2.1.5 OK");
                        break;
                    case "DATA":
                        await Say("354 end with <CRLF>.<CRLF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(stop.Token) is { } dataLine && dataLine != ".")
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        Interlocked.Increment(ref dataTransfers);
                        if (dataReplies.TryDequeue(out var refusal))
                        {
                            await Say(refusal);
                        }
                        else
                        {
                            Messages.Enqueue(new Received(from, recipients, Encoding.Latin1.GetBytes(data.ToString())));
                            await Say(string.Create(CultureInfo.InvariantCulture, $"250 2.0.0 queued as {Messages.Count}"));
                        }
                        break;
                    case "RSET":
                    case "NOOP":
                        await Say("250 OK");
                        break;
                    case "QUIT":
                        await Say("221 bye");
                        return;
                    default:
                        await Say("502 5.5.1 not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the test ended.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
    }
}
