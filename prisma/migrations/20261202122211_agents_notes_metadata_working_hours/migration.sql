-- CreateEnum
CREATE TYPE "AgentStatus" AS ENUM ('ACTIVE', 'BUSY', 'AWAY', 'INVISIBLE');

-- CreateEnum
CREATE TYPE "NoteType" AS ENUM ('INTERNAL', 'ATTACHMENT');

-- CreateEnum
CREATE TYPE "PasswordTokenPurpose" AS ENUM ('SET', 'RESET');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "TimelineKind" ADD VALUE 'NOTE_ADDED';
ALTER TYPE "TimelineKind" ADD VALUE 'METADATA_CHANGED';

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "metadata" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Queue" ADD COLUMN     "externalId" VARCHAR(255),
ADD COLUMN     "workingHoursId" TEXT;

-- AlterTable
ALTER TABLE "Route" ADD COLUMN     "routeOnlyDuringWorkingHours" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "status" "AgentStatus" NOT NULL DEFAULT 'AWAY';

-- CreateTable
CREATE TABLE "Note" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "type" "NoteType" NOT NULL DEFAULT 'INTERNAL',
    "content" VARCHAR(4000) NOT NULL,
    "authorId" TEXT,
    "authorApiKeyId" TEXT,
    "mentionedUserIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Note_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkingHours" (
    "id" TEXT NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "timezone" VARCHAR(100) NOT NULL,
    "message" VARCHAR(4000) NOT NULL,
    "workWeek" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "closeConversations" BOOLEAN NOT NULL DEFAULT false,
    "sendAwayMessageEveryOOWHPeriod" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkingHours_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkingHoursHoliday" (
    "id" TEXT NOT NULL,
    "workingHoursId" TEXT NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkingHoursHoliday_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "purpose" "PasswordTokenPurpose" NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Note_conversationId_createdAt_idx" ON "Note"("conversationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WorkingHours_name_key" ON "WorkingHours"("name");

-- CreateIndex
CREATE INDEX "WorkingHoursHoliday_workingHoursId_startDate_idx" ON "WorkingHoursHoliday"("workingHoursId", "startDate");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordToken_hash_key" ON "PasswordToken"("hash");

-- CreateIndex
CREATE INDEX "PasswordToken_userId_idx" ON "PasswordToken"("userId");

-- AddForeignKey
ALTER TABLE "Queue" ADD CONSTRAINT "Queue_workingHoursId_fkey" FOREIGN KEY ("workingHoursId") REFERENCES "WorkingHours"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Note" ADD CONSTRAINT "Note_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Note" ADD CONSTRAINT "Note_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Note" ADD CONSTRAINT "Note_authorApiKeyId_fkey" FOREIGN KEY ("authorApiKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkingHoursHoliday" ADD CONSTRAINT "WorkingHoursHoliday_workingHoursId_fkey" FOREIGN KEY ("workingHoursId") REFERENCES "WorkingHours"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordToken" ADD CONSTRAINT "PasswordToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing agents' chosen status follows their availability.
UPDATE "User" SET "status" = CASE "availability" WHEN 'ONLINE' THEN 'ACTIVE'::"AgentStatus" WHEN 'BUSY' THEN 'BUSY'::"AgentStatus" ELSE 'AWAY'::"AgentStatus" END;

-- Manual: at most one default working hours (names end in _manual, see scripts/db-migration.ts).
CREATE UNIQUE INDEX "WorkingHours_single_default_manual" ON "WorkingHours" ("isDefault") WHERE "isDefault";
