/**
 * Words that answer more than one of the draft's questions the same way.
 */

export const SKIP = /^(?:不留|不想说|不用了|不用|跳过|skip|no)[。.!！]*$/iu;
export const SUBMIT = /^(?:提交|确认提交|发送|send|submit)[。.!！]*$/iu;
