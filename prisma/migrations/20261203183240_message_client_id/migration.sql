-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "clientMessageId" VARCHAR(255);

-- CreateIndex
CREATE UNIQUE INDEX "Message_conversationId_clientMessageId_key" ON "Message"("conversationId", "clientMessageId");
