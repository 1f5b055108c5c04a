using Tenure.Cli;

HugePages.AdviseManagedHeap();
return TenureApp.Run(args, Console.Out, Console.Error);
