using Octopus.Privacy.Samples.Web;

var app = WebApp.Build(WebApplication.CreateBuilder(args));
await app.RunAsync();
