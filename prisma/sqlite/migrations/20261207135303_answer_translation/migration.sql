-- CreateTable
CREATE TABLE "AnswerTranslation" (
    "caseId" TEXT NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("caseId", "sourceHash", "locale"),
    CONSTRAINT "AnswerTranslation_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

