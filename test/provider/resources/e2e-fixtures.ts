// The generated orgs and programs are shared with the resources benchmark, which compiles with the package.
export * from "../../../bench/resources-programs";
