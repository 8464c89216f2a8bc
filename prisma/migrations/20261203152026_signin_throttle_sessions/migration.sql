-- Successful sign-ins are no longer kept there (SignInAddress remembers where they came from).
DELETE FROM "SignInAttempt" WHERE "success";

-- AlterTable
ALTER TABLE "SignInAttempt" DROP COLUMN "success";

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "SignInAddress" (
    "userId" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "lastSuccessAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInAddress_pkey" PRIMARY KEY ("userId","ip")
);

-- AddForeignKey
ALTER TABLE "SignInAddress" ADD CONSTRAINT "SignInAddress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
