/*
 * Lexer for one line of the Go runtime's GODEBUG=schedtrace=X[,scheddetail=1] output (stderr,
 * printed by sysmon every X ms; see ../shared/docs/go-trace-format.md §4.3 and
 * ../shared/docs/preemption-model.md §9).
 *
 * The runtime prints four kinds of line:
 *   SCHED <ms>ms: gomaxprocs=... [runq lengths] [schedticks=[...]]   (summary, every release)
 *     P<i>: status=... schedtick=... ...                              (scheddetail=1)
 *     M<id>: p=... curg=... ...                                       (scheddetail=1)
 *     G<goid>: status=<n>(<wait reason>) m=... lockedm=...            (scheddetail=1)
 * Field names are tokens of their own, with the '=', so that a value can never be taken for a
 * name. Ids that the runtime has no object for print as -1 up to Go 1.19 and as nil from Go 1.20;
 * scheduler flags print as numbers up to Go 1.19 and as true/false once they became atomic.Bool.
 */
lexer grammar SchedtraceLexer;

// ---------------------------------------------------------------- line heads

SCHED           : 'SCHED' ;
ELAPSED         : DIGIT+ 'ms:' ;
P_HEAD          : 'P' DIGIT+ ':' ;
M_HEAD          : 'M' DIGIT+ ':' ;
G_HEAD          : 'G' DIGIT+ ':' ;

// ---------------------------------------------------------------- summary fields

GOMAXPROCS      : 'gomaxprocs=' ;
IDLEPROCS       : 'idleprocs=' ;
THREADS         : 'threads=' ;
SPINNINGTHREADS : 'spinningthreads=' ;
// Go 1.20+
NEEDSPINNING    : 'needspinning=' ;
IDLETHREADS     : 'idlethreads=' ;
RUNQUEUE        : 'runqueue=' ;
// scheddetail=1 only
GCWAITING       : 'gcwaiting=' ;
NMIDLELOCKED    : 'nmidlelocked=' ;
STOPWAIT        : 'stopwait=' ;
SYSMONWAIT      : 'sysmonwait=' ;
// Go 1.25+, summary format only
SCHEDTICKS      : 'schedticks=' ;

// ---------------------------------------------------------------- P, M and G fields

STATUS          : 'status=' ;
SCHEDTICK       : 'schedtick=' ;
SYSCALLTICK     : 'syscalltick=' ;
M_EQ            : 'm=' ;
RUNQSIZE        : 'runqsize=' ;
GFREECNT        : 'gfreecnt=' ;
// Go 1.14+
TIMERSLEN       : 'timerslen=' ;
P_EQ            : 'p=' ;
CURG            : 'curg=' ;
MALLOCING       : 'mallocing=' ;
THROWING        : 'throwing=' ;
// m.preemptoff is free text ("", "gcing", "GC worker init", ...): it runs up to the next field,
// which is always locks=, so the two are one token and the reader cuts the text out.
PREEMPTOFF_LOCKS: 'preemptoff=' ~[\r\n]*? ' locks=' ;
DYING           : 'dying=' ;
// before Go 1.12
HELPGC          : 'helpgc=' ;
SPINNING        : 'spinning=' ;
BLOCKED         : 'blocked=' ;
LOCKEDG         : 'lockedg=' ;
LOCKEDM         : 'lockedm=' ;
// the G's wait reason, printed right after its status: "()", "(sleep)", "(GC worker (idle))"
WAIT_REASON     : '(' REASON_BODY ')' ;

// a field this grammar does not know, as a later release may add at the end of a line
OTHER_KEY       : [a-z_] [a-z_0-9]* '=' ;

// ---------------------------------------------------------------- values

LBRACK          : '[' ;
RBRACK          : ']' ;
NIL             : 'nil' ;
TRUE            : 'true' ;
FALSE           : 'false' ;
INT             : '-'? DIGIT+ ;
WS              : [ \t\r]+ -> skip ;

fragment DIGIT       : [0-9] ;
fragment REASON_BODY : (~[()\r\n] | '(' REASON_BODY ')')* ;
