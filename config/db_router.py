"""Send reads to a PostgreSQL replica when DATABASE_REPLICA_URL is set.

Writes go to the primary ("default"). After the first write in a request or command, reads
stay on the primary too, so a user never misses their own change because of replication
lag. `common.middleware.DatabaseUnavailableMiddleware` clears that state per request.
"""

import threading

_state = threading.local()


def reset_primary_pin() -> None:
    _state.pinned = False


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if getattr(_state, "pinned", False):
            return "default"
        return "replica"

    def db_for_write(self, model, **hints):
        _state.pinned = True
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data: the replica is a copy of the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
