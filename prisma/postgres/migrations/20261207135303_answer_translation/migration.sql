-- CreateTable
CREATE TABLE "AnswerTranslation" (
    "caseId" TEXT NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnswerTranslation_pkey" PRIMARY KEY ("caseId","sourceHash","locale")
);

-- AddForeignKey
ALTER TABLE "AnswerTranslation" ADD CONSTRAINT "AnswerTranslation_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

