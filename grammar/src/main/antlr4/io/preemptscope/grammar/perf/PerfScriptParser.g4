/*
 * One line of `perf script` output (see PerfScriptLexer.g4). Lines that are not, such as another
 * event's layout or a different tool's output, are rejected here and counted by the analyzer's
 * reader. No actions: the analyzer walks the tree.
 */
parser grammar PerfScriptParser;

options { tokenVocab = PerfScriptLexer; }

line
    : head (tracepoint | switchRecord) EOF
    ;

//            syscallheavy 27399/27399 [000]  8568.628949792:
//                      sh 23834 [001]  8269.532653:            (the default layout: tid alone)
// The comm is the words before the ids: ALL(*) finds the ids by the [cpu] or time after them.
head
    : commWord* ids cpu=CPU? time=TIME period=INT?
    ;

commWord
    : WORD | INT | PID_TID | CPU | TIME
    ;

ids
    : PID_TID
    | INT
    ;

tracepoint
    : EVENT (syscallEnter | syscallExit | fields)
    ;

// raw_syscalls:sys_enter: NR 12 (0, 7ffe453c1e6c, 0, 37f, 0, 0)
syscallEnter
    : NR nr=NUMBER LPAREN (arg (COMMA arg)*)? RPAREN
    ;

arg
    : NUMBER | HEX
    ;

// raw_syscalls:sys_exit: NR 12 = 94343810428928     NR 0 = -512
syscallExit
    : NR nr=NUMBER EQ ret=NUMBER
    ;

// sig=23 errno=0 code=-6 comm=syscallheavy pid=27399 grp=0 res=0
// prev_comm=sh prev_pid=24284 prev_prio=120 prev_state=D ==> next_comm=swapper/0 next_pid=0 next_prio=120
fields
    : (field | ARROW)+
    ;

field
    : KEY valuePart*
    ;

valuePart
    : NUMBER | HEX | VALUE | NR | LPAREN | RPAREN | COMMA | EQ
    ;

// PERF_RECORD_SWITCH OUT preempt     PERF_RECORD_SWITCH_CPU_WIDE IN  prev pid/tid:  1234/1234
switchRecord
    : SWITCH switchWord*
    ;

switchWord
    : VALUE | HEX | NUMBER | COMMA | EQ | NR | LPAREN | RPAREN | KEY
    ;
