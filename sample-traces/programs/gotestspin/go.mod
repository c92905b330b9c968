module sample/gotestspin

go 1.19
