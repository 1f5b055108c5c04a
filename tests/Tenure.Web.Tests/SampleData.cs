namespace Tenure.Web.Tests;

/// <summary>
/// A small hand-checked tenant. At <see cref="TenureTestServer.Now"/> (2024-06-15):
/// A1 "Umbrella" (ann, pro, EMEA): MRR 2 x 1200 = 2400 (open-ended), no renewal, 1 open ticket, latest NPS 3;
/// A2 "Globex" (bo, basic, NA): MRR 2400 / 12 = 200, renews 2025-03-05, 1 open ticket, no NPS yet (its NPS answer is in July);
/// A3 "Acme" (ann, pro, NA): MRR 600 / 3 = 200, renews 2024-08-01, 0 open tickets (T4 is created after asOf), no NPS.
/// A1's closing MRR: 2023-12 = 2 x 1000 - 100 = 1900; from 2024-01 on 2400.
/// </summary>
internal static class SampleData
{
    public const string Accounts =
        "account_id,name,created_at,segment,industry,plan,csm,region,acquisition_cost,currency\n" +
        "A1,Umbrella,2023-01-10,enterprise,retail,pro,ann,EMEA,1500.00,EUR\n" +
        "A2,Globex,2023-03-05T09:30:00Z,smb,software,basic,bo,NA,,USD\n" +
        "A3,Acme,2024-02-01,smb,software,pro,ann,NA,,USD\n";

    public const string Subscriptions =
        "subscription_id,account_id,plan,start_date,end_date,amount,interval,quantity,discount,currency\n" +
        "S1,A1,pro,2023-01-10,2024-01-10,1000,month,2,100,EUR\n" +
        "S1,A1,pro,2024-01-10,,1200,month,2,,EUR\n" +
        "S2,A2,basic,2023-03-05,2025-03-05,2400,year,,,USD\n" +
        "S3,A3,pro,2024-02-01,2024-08-01,600,quarter,,,USD\n";

    public const string Tickets =
        "ticket_id,account_id,created_at,first_response_at,resolved_at,status\n" +
        "T1,A1,2024-06-01,,,open\n" +
        "T2,A1,2024-05-01,2024-05-01T01:00:00Z,2024-05-02,solved\n" +
        "T3,A2,2024-06-10,,2024-06-20,solved\n" +
        "T4,A3,2024-06-16,,,open\n";

    public const string ScriptComment = "<script>alert(\"x\")</script> & more";

    public static readonly string Surveys =
        "response_id,survey,account_id,user_id,score,scale,comment,submitted_at,ticket_id\n" +
        "R1,nps,A1,U1,9,0-10,\"Fast, reliable\",2024-04-01T10:00:00Z,\n" +
        "R2,nps,A1,U2,3,0-10,,2024-06-01,\n" +
        "R3,csat,A2,,4,1-5,,2024-06-02,T3\n" +
        "R4,nps,A2,,10,0-10,,2024-07-01,\n" +
        $"R5,csat,A3,,5,1-5,\"{ScriptComment.Replace("\"", "\"\"", StringComparison.Ordinal)}\",2024-06-03,\n";

    /// <summary>
    /// 6 events in 5 rollups: (A1,U1,06-01) x2, (A1,U2,06-01) (00:30+02:00 is 06-01 22:30 UTC), (A1,-,05-20), (A1,U1,04-10), (A2,U3,06-03).
    /// A1 in the 30 days before 2024-06-15: 4 events, 2 users; April: 1 event, 1 user; May: 1 event, 0 users.
    /// </summary>
    public const string Usage =
        "account_id,user_id,timestamp,event\n" +
        "A1,U1,2024-06-01T08:00:00Z,login\n" +
        "A1,U1,2024-06-01T09:00:00Z,login\n" +
        "A1,U2,2024-06-02T00:30:00+02:00,login\n" +
        "A1,,2024-05-20,api_call\n" +
        "A1,U1,2024-04-10,login\n" +
        "A2,U3,2024-06-03,login\n";

    public static async Task LoadAsync(HttpClient client)
    {
        foreach (var (kind, csv) in new[] { ("accounts", Accounts), ("subscriptions", Subscriptions), ("tickets", Tickets), ("surveys", Surveys) })
        {
            var response = await client.PostCsvAsync(kind, csv);
            await response.JsonAsync(System.Net.HttpStatusCode.OK);
        }
    }
}
