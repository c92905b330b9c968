module sample/pipeblock

go 1.19
