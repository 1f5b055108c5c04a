using Tenure.Cli;

return TenureApp.Run(args, Console.Out, Console.Error);
