using MimeKit;

namespace Tenure.Web.Mail;

/// <summary>
/// Writes each message as an RFC 5322 .eml file (MimeKit's own serialisation) into a folder, created when missing:
/// "&lt;yyyyMMdd-HHmmss&gt;-&lt;mail id&gt;.eml". Written to a temporary name and renamed, so a reader never sees half a file.
/// </summary>
public sealed class DropFolderMailTransport(string folder) : IMailTransport
{
    /// <summary>RFC 5322 line endings (CRLF) whatever the platform.</summary>
    private static readonly FormatOptions Format = CrLf();

    /// <summary>The folder's full path.</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    public string Describe() => Folder;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = (message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0];
        var name = $"{message.Date.UtcDateTime:yyyyMMdd-HHmmss}-{string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_'))}.eml";
        var path = Path.Combine(Folder, name);
        var temporary = path + ".tmp";
        try
        {
            Directory.CreateDirectory(Folder);
            await using (var stream = File.Create(temporary))
                await message.WriteToAsync(Format, stream, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MailTransportException($"drop folder {Folder}: {e.Message}", e);
        }
    }

    private static FormatOptions CrLf()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
