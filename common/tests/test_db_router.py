from accounts.models import User
from config.db_router import PrimaryReplicaRouter, reset_primary_pin


def test_reads_go_to_replica_until_first_write():
    router = PrimaryReplicaRouter()
    reset_primary_pin()
    assert router.db_for_read(User) == "replica"
    assert router.db_for_write(User) == "default"
    assert router.db_for_read(User) == "default"
    reset_primary_pin()
    assert router.db_for_read(User) == "replica"


def test_migrations_run_on_primary_only():
    router = PrimaryReplicaRouter()
    assert router.allow_migrate("default", "accounts")
    assert not router.allow_migrate("replica", "accounts")
