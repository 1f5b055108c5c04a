using System.Reflection;
using System.Runtime.ExceptionServices;

using Microsoft.Playwright;

namespace Tenure.Web.BrowserTests;

/// <summary>
/// A browser context whose close is bounded: every call goes to the real context, except closing (CloseAsync, and
/// DisposeAsync at the end of an <c>await using</c>), which gives up after <see cref="CloseLimit"/> and says so on
/// stderr. Closing a context of Debian's chromium (not the build Playwright ships) now and then never finishes: the
/// browser tests saw it hang in BrowserContext.CloseAsync after every assertion had passed, which stalled the whole run.
/// A context left open is closed with the browser at the end.
/// </summary>
public class BoundedBrowserContext : DispatchProxy
{
    public static readonly TimeSpan CloseLimit = TimeSpan.FromSeconds(30);

    private IBrowserContext inner = default!;

    public static IBrowserContext Wrap(IBrowserContext context)
    {
        var proxy = Create<IBrowserContext, BoundedBrowserContext>();
        ((BoundedBrowserContext)(object)proxy).inner = context;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IAsyncDisposable.DisposeAsync) && targetMethod.GetParameters().Length == 0)
            return new ValueTask(CloseAsync(null));
        if (targetMethod.Name == nameof(IBrowserContext.CloseAsync))
            return CloseAsync((BrowserContextCloseOptions?)args?[0]);
        try
        {
            return targetMethod.Invoke(inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private async Task CloseAsync(BrowserContextCloseOptions? options)
    {
        try
        {
            await inner.CloseAsync(options).WaitAsync(CloseLimit);
        }
        catch (TimeoutException)
        {
            await Console.Error.WriteLineAsync($"browser tests: closing a browser context took over {CloseLimit.TotalSeconds} s; it is left to close with the browser.");
        }
    }
}
