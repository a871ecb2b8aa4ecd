export * from "../../harness/pulumi";
