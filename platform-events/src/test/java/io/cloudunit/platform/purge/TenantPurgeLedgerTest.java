package io.cloudunit.platform.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TenantPurgeLedgerTest {

    @Test
    void keepsAShortErrorAsItIs() {
        assertEquals("engine refused", TenantPurgeLedger.truncated("engine refused"));
        assertNull(TenantPurgeLedger.truncated(null));
    }

    @Test
    void cutsALongErrorAt2000CharactersAndSaysSo() {
        String cut = TenantPurgeLedger.truncated("x".repeat(2001));
        assertEquals("x".repeat(2000) + "…", cut);
        assertEquals("y".repeat(2000), TenantPurgeLedger.truncated("y".repeat(2000)));
    }
}
