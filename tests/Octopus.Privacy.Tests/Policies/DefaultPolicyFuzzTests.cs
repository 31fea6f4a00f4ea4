using System.Diagnostics;
using System.Text;

namespace Octopus.Privacy.Tests.Policies;

/// <summary>
/// Damages the default policy thousands of ways, as text and as bytes: only <see cref="PolicyValidationException"/>
/// may escape parsing, <see cref="PrivacyPolicy.Validate(string)"/> agrees with it, and every accepted document decides
/// every request without throwing.
/// </summary>
public sealed class DefaultPolicyFuzzTests
{
    private const int Mutations = 4000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    private static readonly string[] Insertions =
    [
        "{", "}", "[", "]", "\"", ",", ":", "\\", "\\ud800", "\\udfff", "\\u0000", "\uD800", "\0", "é", "\U0001F600", "\r", "\n",
        "1e400", "-0", "null", "true", "\"*\"", "\"opt-in\"", "\"forbid\"", "\"contact\"", "[]", "{}", "//", "/*", "\uFEFF",
    ];

    [Fact]
    public void Nothing_but_a_validation_exception_escapes_and_every_accepted_document_evaluates_everything()
    {
        var original = PrivacyPolicy.OctopusGroup.ToJson();
        var random = new Random(20261125);
        var clock = Stopwatch.StartNew();
        int tried = 0, accepted = 0, rejected = 0;
        for (; tried < Mutations && clock.Elapsed < Budget; tried++)
        {
            var (description, text, bytes) = Mutate(original, random);
            PrivacyPolicy policy;
            try
            {
                policy = bytes is null ? PrivacyPolicy.Parse(text!) : PrivacyPolicy.Parse(bytes);
            }
            catch (PolicyValidationException ex)
            {
                rejected++;
                var validated = bytes is null ? PrivacyPolicy.Validate(text!) : PrivacyPolicy.Validate(bytes);
                Assert.True(ex.Problems.SequenceEqual(validated), $"Validate disagrees with Parse after {description}");
                Assert.All(ex.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
                continue;
            }
            catch (Exception ex)
            {
                Assert.Fail($"{ex.GetType().Name} escaped parsing after {description}: {ex.Message}\n{text ?? Convert.ToHexString(bytes!)}");
                return;
            }

            accepted++;
            EvaluateEverything(policy, description);
        }

        Assert.True(accepted > 0 && rejected > 0, $"the fuzzer should produce both valid and invalid documents ({accepted} accepted, {rejected} rejected of {tried})");
    }

    private static void EvaluateEverything(PrivacyPolicy policy, string description)
    {
        var purposes = policy.Purposes.Select(p => p.Name).Append("unknown-purpose").ToArray();
        var recipients = policy.Recipients.Select(r => r.Name).Append("unknown-recipient").ToArray();
        var categories = policy.Categories.Select(c => c.Name).Append("unknown.category").ToArray();
        ConsentState[] states =
        [
            ConsentState.None,
            ConsentState.Create(policy.Version),
            ConsentState.Create(policy.Version, granted: purposes),
            ConsentState.Create(policy.Version, withdrawn: purposes),
        ];
        try
        {
            foreach (var purpose in purposes)
            {
                foreach (var recipient in recipients)
                {
                    var prepared = policy.Prepare(categories[..^1], purpose, recipient);
                    foreach (var state in states)
                    {
                        _ = prepared.Evaluate(state).Explanation;
                        foreach (var category in categories)
                        {
                            _ = policy.Evaluate(new DataUseRequest([category], purpose, recipient) { Consent = state }).Explanation;
                        }
                    }
                }
            }

            _ = PrivacyPolicy.Parse(policy.ToJson());
        }
        catch (Exception ex)
        {
            Assert.Fail($"{ex.GetType().Name} escaped evaluating a document validation accepted, after {description}: {ex.Message}");
        }
    }

    private static (string Description, string? Text, byte[]? Bytes) Mutate(string original, Random random)
    {
        var at = random.Next(original.Length);
        var length = Math.Min(original.Length - at, random.Next(1, 16));
        var kind = random.Next(7);
        switch (kind)
        {
            case 0:
                return ($"deleting {length} chars at {at}", original.Remove(at, length), null);
            case 1:
                var insertion = Insertions[random.Next(Insertions.Length)];
                return ($"inserting {Escape(insertion)} at {at}", original.Insert(at, insertion), null);
            case 2:
                return ($"repeating {length} chars at {at}", original.Insert(at, original.Substring(at, length)), null);
            case 3:
                return ($"truncating at {at}", original[..at], null);
            case 4:
                var second = random.Next(original.Length);
                var (first, last) = at < second ? (at, second) : (second, at);
                var chunk = Math.Min(length, last - first);
                return ($"swapping chars {first} and {last}", string.Concat(original.AsSpan(0, first), original.AsSpan(last, Math.Min(chunk, original.Length - last)), original.AsSpan(first + chunk)), null);
            case 5:
                var bytes = Encoding.UTF8.GetBytes(original);
                var position = random.Next(bytes.Length);
                var value = (byte)random.Next(0x80, 0x100);
                bytes[position] = value;
                return ($"setting byte {position} to 0x{value:X2}", null, bytes);
            default:
                var quote = original.IndexOf('"', at);
                if (quote < 0)
                {
                    return ("nothing", original, null);
                }

                var end = original.IndexOf('"', quote + 1);
                var word = Insertions[random.Next(Insertions.Length)].Trim('"');
                return end < 0 ? ("nothing", original, null)
                    : ($"replacing the string at {quote} with {Escape(word)}", original[..(quote + 1)] + word + original[end..], null);
        }
    }

    private static string Escape(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
