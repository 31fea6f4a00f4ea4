namespace Octopus.Privacy.Samples.Shop.Models;

/// <summary>Aggregate figures: what advertising partners may receive.</summary>
public sealed record SalesSummary(string Region, int Orders, decimal Revenue);
