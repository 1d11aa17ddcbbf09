namespace EcCrm.Testing;

/// <summary>Waits for a condition that background work makes true, polling instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        T last;
        do
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Condition not met within {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds:0} s{(because is null ? string.Empty : ": " + because)}. Last value: {last}");
    }
}
