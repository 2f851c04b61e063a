import { randomBytes } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { createPrismaClient } from "../../server/db/create-prisma-client";
import { parseDatabaseUrl } from "../../server/db/database-url";

/**
 * There is no email server to send a reset link, so whoever runs the installation resets a
 * password here: a new random password is printed once, and the person is signed out everywhere.
 */
export async function resetPasswordCommand(email: string, db: string): Promise<number> {
  const prisma = createPrismaClient(parseDatabaseUrl(db));
  try {
    const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true } });
    if (!user) {
      process.stderr.write(`orka: no account for ${email} in ${db.startsWith("file:") ? db : "the database"}\n`);
      return 2;
    }
    const password = randomBytes(18).toString("base64url");
    const hash = await hashPassword(password);
    await prisma.$transaction(async (tx) => {
      const updated = await tx.account.updateMany({ where: { userId: user.id, providerId: "credential" }, data: { password: hash } });
      if (updated.count === 0) await tx.account.create({ data: { userId: user.id, providerId: "credential", accountId: user.id, password: hash } });
      await tx.session.deleteMany({ where: { userId: user.id } });
    });
    process.stdout.write(`${JSON.stringify({ email: user.email, password })}\n`);
    process.stderr.write(`orka: ${user.email} can sign in with the new password (shown once); their sessions were signed out\n`);
    return 0;
  } finally {
    await prisma.$disconnect();
  }
}
