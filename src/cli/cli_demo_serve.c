/* The last words of `accord demo`: how to put the record it showed online with the
 * review server (accord serve), each party in its own browser. */
#include "cli/cli.h"

#include <stdio.h>

void cli_demo_serve_hint(const char *ledger)
{
    const char *db = ledger ? ledger : "talks.db";
    printf("\nTo review the record in a browser, each party with its own token (docs/serve.md):\n");
    if (!ledger)
        printf("  bash data/make-example-record.sh accord talks.db\n");
    printf("  accord plan token %s ua          (one per party; 'mediator' for the mediator)\n"
           "  accord serve %s                  then open http://127.0.0.1:%d/ and sign in\n",
           db, db, AC_SERVE_PORT_DEFAULT);
}
