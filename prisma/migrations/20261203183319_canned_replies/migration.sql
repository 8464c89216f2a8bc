-- CreateEnum
CREATE TYPE "CannedReplyScope" AS ENUM ('SHARED', 'PERSONAL');

-- AlterEnum
ALTER TYPE "AuditEntity" ADD VALUE 'CANNED_REPLY';

-- CreateTable
CREATE TABLE "CannedReply" (
    "id" TEXT NOT NULL,
    "scope" "CannedReplyScope" NOT NULL,
    "ownerId" TEXT,
    "title" VARCHAR(100) NOT NULL,
    "body" VARCHAR(4096) NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CannedReply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CannedReply_scope_title_idx" ON "CannedReply"("scope", "title");

-- CreateIndex
CREATE INDEX "CannedReply_ownerId_title_idx" ON "CannedReply"("ownerId", "title");

-- AddForeignKey
ALTER TABLE "CannedReply" ADD CONSTRAINT "CannedReply_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CannedReply" ADD CONSTRAINT "CannedReply_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A personal reply has its owner, a shared one none: the domain relies on it for who may edit what.
ALTER TABLE "CannedReply" ADD CONSTRAINT "CannedReply_owner_matches_scope" CHECK (("scope" = 'PERSONAL') = ("ownerId" IS NOT NULL));
