using Microsoft.CodeAnalysis.Text;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>The chunked search the gates use (a word named anywhere in a compilation's sources), at every place a chunk can cut it.</summary>
public sealed class SourceTextsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(SourceTexts.BufferLength - 8)]
    [InlineData(SourceTexts.BufferLength - 3)]
    [InlineData(SourceTexts.BufferLength)]
    [InlineData((3 * SourceTexts.BufferLength) - 5)]
    public void A_word_is_found_wherever_a_chunk_cuts_it(int position)
    {
        var text = SourceText.From(new string(' ', position) + "AddHttpClient" + new string(' ', 100));

        Assert.True(SourceTexts.Contains(text, "AddHttpClient", new char[SourceTexts.BufferLength]));
        Assert.False(SourceTexts.Contains(text, "AddHttpClients", new char[SourceTexts.BufferLength]));
    }

    [Theory]
    [InlineData(0, "Pii")]
    [InlineData(SourceTexts.BufferLength - 2, "Pii")]
    [InlineData(SourceTexts.BufferLength - 2, "RequiresConsent")]
    [InlineData(SourceTexts.BufferLength - 14, "RequiresConsent")]
    [InlineData((2 * SourceTexts.BufferLength) - 20, "RequiresConsent")]
    public void Any_of_several_words_is_found_wherever_a_chunk_cuts_it(int position, string word)
    {
        string[] words = ["Pii", "RequiresConsent", "DataRecipient"];
        var text = SourceText.From(new string(' ', position) + word + new string(' ', 100));

        Assert.True(SourceTexts.ContainsAny(text, words, new char[SourceTexts.BufferLength]));
        Assert.False(SourceTexts.ContainsAny(SourceText.From(new string(' ', position) + "Pi i RequiresConsen" + new string(' ', 100)), words, new char[SourceTexts.BufferLength]));
    }
}
