package org.diplomaticledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DiplomaticLedgerApplication {
    public static void main(String[] args) {
        SpringApplication.run(DiplomaticLedgerApplication.class, args);
    }
}
