package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.sync.Once;
import io.github.go4j.sync.WaitGroup;

/** sync.Once: five goroutines ask for the database; it is initialized exactly once. */
public final class OnceExample extends Program {

    /** The program, run in {@code env}. */
    public OnceExample(Env env) {
        super(env);
    }

    static final class Database {
        final String connection;

        Database(String connection) {
            this.connection = connection;
        }

        @Override
        public String toString() { // Go's %v of a *Database
            return "&{" + connection + "}";
        }
    }

    // Go's package-level vars: fields of the program.
    private Database dbInstance;
    private final Once once = new Once();

    Database getDatabase() {
        once.run(() -> {
            println("Initializing database (expensive operation)...");
            dbInstance = new Database("db://localhost:5432");
        });
        return dbInstance;
    }

    @Override
    public void main() throws Exception {
        var wg = new WaitGroup();

        // Multiple goroutines trying to get database
        for (int i = 1; i <= 5; i++) {
            wg.add(1);
            int id = i;
            Go.go(() -> {
                try {
                    var db = getDatabase();
                    printf("Goroutine %d: Got database %v\n", id, db);
                } finally {
                    wg.done();
                }
            });
        }

        wg.await();
        println("\nDatabase initialization happened exactly once");
    }
}
