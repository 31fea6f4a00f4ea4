// The Octopus.Privacy meter is one per process: a test that listens to it hears every decision of every test running
// beside it, and its listener's callback runs (and allocates) on their threads, which the allocation test counts.
// The fifteen tests of this project take about two seconds one after another, so they run that way.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
