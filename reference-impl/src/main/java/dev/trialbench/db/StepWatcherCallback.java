package dev.trialbench.db;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** Tells a {@link Migrations.StepWatcher} when each migration step starts and ends; touches no connection. */
final class StepWatcherCallback implements Callback {

    private final Migrations.StepWatcher watcher;

    StepWatcherCallback(Migrations.StepWatcher watcher) {
        this.watcher = watcher;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE
                || event == Event.AFTER_EACH_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (context.getMigrationInfo() == null || context.getMigrationInfo().getVersion() == null) {
            return;
        }
        String version = context.getMigrationInfo().getVersion().getVersion();
        if (event == Event.BEFORE_EACH_MIGRATE) {
            watcher.started(version);
        } else {
            watcher.ended(version);
        }
    }

    @Override
    public String getCallbackName() {
        return "trialbench-step-watcher";
    }
}
