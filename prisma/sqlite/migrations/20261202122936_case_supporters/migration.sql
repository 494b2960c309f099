-- CreateTable
CREATE TABLE "CaseSupporter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'zh',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseSupporter_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseSupporter_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "ChannelIdentity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trackingNo" TEXT NOT NULL,
    "queryCode" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "citizenId" TEXT NOT NULL,
    "identityId" TEXT,
    "channel" TEXT NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "description" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "regionCode" TEXT,
    "caseClass" TEXT NOT NULL,
    "address" TEXT,
    "latitude" REAL,
    "longitude" REAL,
    "locatedAt" DATETIME,
    "regionSource" TEXT,
    "occurredAt" DATETIME,
    "occurredText" TEXT,
    "isEmergency" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "unitId" TEXT,
    "submittedAt" DATETIME NOT NULL,
    "acceptanceDueAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "acceptedAt" DATETIME,
    "handlingDueAt" DATETIME,
    "extensionDays" INTEGER,
    "extensionReason" TEXT,
    "returnDueAt" DATETIME,
    "answeredAt" DATETIME,
    "answerOutcome" TEXT,
    "answerText" TEXT,
    "reviewStage" INTEGER NOT NULL DEFAULT 0,
    "reviewRequestedAt" DATETIME,
    "reviewDueAt" DATETIME,
    "closedAt" DATETIME,
    "notAcceptedReason" TEXT,
    "notAcceptedChannel" TEXT,
    "mergedIntoId" TEXT,
    "lastReminderAt" DATETIME,
    "lastEscalationAt" DATETIME,
    "runningDueAt" DATETIME,
    "nextAlertAt" DATETIME,
    "supporterCount" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Case_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "ChannelIdentity" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_categoryCode_fkey" FOREIGN KEY ("categoryCode") REFERENCES "Category" ("code") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region" ("code") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Case" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Case" ("acceptanceDueAt", "acceptedAt", "address", "anonymous", "answerOutcome", "answerText", "answeredAt", "caseClass", "categoryCode", "channel", "citizenId", "closedAt", "contactName", "contactPhone", "createdAt", "decidedAt", "description", "extensionDays", "extensionReason", "handlingDueAt", "id", "idempotencyKey", "identityId", "isEmergency", "lastEscalationAt", "lastReminderAt", "latitude", "locatedAt", "longitude", "mergedIntoId", "nextAlertAt", "notAcceptedChannel", "notAcceptedReason", "occurredAt", "occurredText", "queryCode", "regionCode", "regionSource", "returnDueAt", "reviewDueAt", "reviewRequestedAt", "reviewStage", "runningDueAt", "status", "submittedAt", "trackingNo", "unitId", "updatedAt", "version") SELECT "acceptanceDueAt", "acceptedAt", "address", "anonymous", "answerOutcome", "answerText", "answeredAt", "caseClass", "categoryCode", "channel", "citizenId", "closedAt", "contactName", "contactPhone", "createdAt", "decidedAt", "description", "extensionDays", "extensionReason", "handlingDueAt", "id", "idempotencyKey", "identityId", "isEmergency", "lastEscalationAt", "lastReminderAt", "latitude", "locatedAt", "longitude", "mergedIntoId", "nextAlertAt", "notAcceptedChannel", "notAcceptedReason", "occurredAt", "occurredText", "queryCode", "regionCode", "regionSource", "returnDueAt", "reviewDueAt", "reviewRequestedAt", "reviewStage", "runningDueAt", "status", "submittedAt", "trackingNo", "unitId", "updatedAt", "version" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE UNIQUE INDEX "Case_trackingNo_key" ON "Case"("trackingNo");
CREATE UNIQUE INDEX "Case_idempotencyKey_key" ON "Case"("idempotencyKey");
CREATE INDEX "Case_submittedAt_id_idx" ON "Case"("submittedAt", "id");
CREATE INDEX "Case_status_submittedAt_id_idx" ON "Case"("status", "submittedAt", "id");
CREATE INDEX "Case_regionCode_submittedAt_id_idx" ON "Case"("regionCode", "submittedAt", "id");
CREATE INDEX "Case_categoryCode_submittedAt_id_idx" ON "Case"("categoryCode", "submittedAt", "id");
CREATE INDEX "Case_unitId_submittedAt_id_idx" ON "Case"("unitId", "submittedAt", "id");
CREATE INDEX "Case_citizenId_submittedAt_idx" ON "Case"("citizenId", "submittedAt");
CREATE INDEX "Case_unitId_status_idx" ON "Case"("unitId", "status");
CREATE INDEX "Case_categoryCode_regionCode_submittedAt_idx" ON "Case"("categoryCode", "regionCode", "submittedAt");
CREATE INDEX "Case_runningDueAt_idx" ON "Case"("runningDueAt");
CREATE INDEX "Case_nextAlertAt_idx" ON "Case"("nextAlertAt");
CREATE INDEX "Case_locatedAt_id_idx" ON "Case"("locatedAt", "id");
CREATE INDEX "Case_contactPhone_submittedAt_idx" ON "Case"("contactPhone", "submittedAt");
CREATE INDEX "Case_latitude_longitude_submittedAt_idx" ON "Case"("latitude", "longitude", "submittedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CaseSupporter_identityId_idx" ON "CaseSupporter"("identityId");

-- CreateIndex
CREATE UNIQUE INDEX "CaseSupporter_caseId_identityId_key" ON "CaseSupporter"("caseId", "identityId");

