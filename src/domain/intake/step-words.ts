/**
 * Words that answer more than one of the draft's questions the same way.
 */

export const SKIP = /^(?:不留|不想说|不用了|不用|跳过|skip|no)[。.!！]*$/iu;
// "提交", and as people send it off: "提交吧", "没问题，提交", "那就交上去吧", "发吧".
export const SUBMIT =
  /^(?:(?:没问题|没错|对的?|好的?|行|中|可以)[，,\s]*)?(?:那就|就|确认|直接)?(?:提交|交|发送|发)(?:上去|过去)?(?:吧|了|啊|呀)*[。.!！~～]*$|^(?:send|submit)(?: it)?[.!]*$/iu;
