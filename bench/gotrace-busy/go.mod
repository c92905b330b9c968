module bench/gotracebusy

go 1.19
