// The basic calls of Tracking.Sdk from a console app.
//   dotnet run --project src/Tracking.Sdk.Sample -- http://127.0.0.1:8080/ <write key>
using Tracking.Sdk;

var endpoint = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:8080/");
var writeKey = args.Length > 1 ? args[1] : Environment.GetEnvironmentVariable("TRACKING_WRITE_KEY") ?? "wk_dev";

var options = new TrackingOptions
{
    Endpoint = endpoint,
    WriteKey = writeKey,
    ShutdownTimeout = TimeSpan.FromSeconds(5),
}.AddKeyPath("onboarding", "signed_up", "invite_sent", "first_report");

// One client per application; disposing it delivers what is queued.
await using var client = new TrackingClient(options);

// Who: a signed-in user of customer account "acme". In a web app the anonymous id and session come
// from the browser snippet's cookies (_trk_aid, _trk_sid) so these events join the visitor's session.
var visitor = new Visitor(UserId: "user-42", AnonymousId: "anon-7f3a") { GroupId = "acme", SessionId = "sess-91c2" };

client.Identify(visitor, new Dictionary<string, object?> { ["email"] = "ada@acme.example", ["role"] = "admin" });
client.Group("acme", visitor, new Dictionary<string, object?> { ["plan"] = "enterprise", ["tier"] = "gold", ["seats"] = 250 });
client.Page(new PageInfo("https://app.example.com/reports?range=30d", Title: "Reports"), visitor);
client.Track("report_exported", visitor, new Dictionary<string, object?> { ["format"] = "csv", ["rows"] = 1_204 });
client.Lead(visitor, new Dictionary<string, object?> { ["form"] = "upgrade-request" });

// Key paths: steps on a declared path; an undeclared step throws while developing.
client.Step("onboarding", "signed_up", visitor);
client.Step("onboarding", "invite_sent", visitor, new Dictionary<string, object?> { ["invitees"] = 3 });

using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
try
{
    await client.FlushAsync(timeout.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("The collector did not answer in time; disposing keeps trying briefly.");
}

Console.WriteLine(client.GetStatistics());
