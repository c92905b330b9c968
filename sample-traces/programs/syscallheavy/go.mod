module preemptscope/samples/syscallheavy

go 1.19
