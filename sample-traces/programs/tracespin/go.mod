module sample/tracespin

go 1.19
