package be.samenbord.store;

import java.nio.file.Path;

/** The embedded journal store against the contract every store must pass. */
class JournalStoreContractTest extends StoreContract {

    @Override
    protected Store open(Path dir) {
        return new JournalStore(dir);
    }
}
