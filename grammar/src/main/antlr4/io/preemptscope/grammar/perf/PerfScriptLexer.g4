/*
 * Lexer for one line of `perf script` output of the tracepoints `capture --backend perf` records
 * (sched:, task:, signal:, raw_syscalls:) and of its --show-switch-events records.
 *
 * perf script prints, in this order whatever the order of -F, the fields it was asked for:
 *   COMM  PID/TID  [CPU]  SECONDS.FRACTION:  [PERIOD]  SYSTEM:EVENT:  TRACE
 * The default layout for tracepoints is comm, tid, cpu, time (microseconds), event and trace;
 * -F drops or adds comm, pid, cpu and period, and --ns prints nanoseconds. A switch record puts
 * PERF_RECORD_SWITCH[_CPU_WIDE] where a tracepoint's SYSTEM:EVENT: goes.
 *
 * The head (everything before the event) has its own tokens; the event name switches to PAYLOAD
 * mode, where a tracepoint's text is either raw_syscalls' "NR n (args)" / "NR n = ret" or the
 * kernel's "key=value" format, whose values (a comm) may hold blanks.
 */
lexer grammar PerfScriptLexer;

// ---------------------------------------------------------------- the head

PID_TID     : DIGIT+ '/' DIGIT+ ;
CPU         : '[' DIGIT+ ']' ;
TIME        : DIGIT+ '.' DIGIT+ ':' ;
SWITCH      : 'PERF_RECORD_SWITCH' ('_CPU_WIDE')? -> pushMode(PAYLOAD) ;
// sched:sched_switch:  raw_syscalls:sys_enter:
EVENT       : NAME ':' NAME ':' -> pushMode(PAYLOAD) ;
INT         : DIGIT+ ;
// a comm is anything the kernel let a thread name itself, blanks included: the parser takes words
WORD        : ~[ \t\r\n]+ ;
WS          : [ \t\r]+ -> skip ;

fragment DIGIT : [0-9] ;
fragment NAME  : [a-zA-Z_] [a-zA-Z_0-9]* ;

// ---------------------------------------------------------------- the event's text

mode PAYLOAD;

NR          : 'NR' ;
ARROW       : '==>' ;
// prev_comm=  sig=  group_dead=   (a key always has its '=': a value can never be taken for one)
KEY         : [a-z_] [a-z_0-9]* '=' ;
EQ          : '=' ;
LPAREN      : '(' ;
RPAREN      : ')' ;
COMMA       : ',' ;
// decimal (signed) before hexadecimal: "23" is a number, "7ffe453c1e6c" and "1c000004" are hex
NUMBER      : '-'? [0-9]+ ;
HEX         : [0-9a-fA-F]+ ;
VALUE       : ~[ \t\r\n=(),]+ ;
P_WS        : [ \t\r]+ -> skip ;
